window.labyrintSearch.load("t-a",{"alert":"FpC"});
