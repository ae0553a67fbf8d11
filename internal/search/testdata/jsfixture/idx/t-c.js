window.labyrintSearch.load("t-c",{"cent":"J4U er","cfa":"JwXArKAqQAqW"});
