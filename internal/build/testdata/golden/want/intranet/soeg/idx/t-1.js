window.labyrintSearch.load("t-1",{"1":"FpC"});
