window.labyrintSearch.load("t-a",{"alert":"Fpa"});
