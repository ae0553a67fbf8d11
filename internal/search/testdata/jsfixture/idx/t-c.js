window.labyrintSearch.load("t-c",{"cent":"J4b er","cfa":"JwXArKAqQAqW"});
