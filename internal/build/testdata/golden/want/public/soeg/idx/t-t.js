window.labyrintSearch.load("t-t",{"test":"A5F","tror":"E7H"});
