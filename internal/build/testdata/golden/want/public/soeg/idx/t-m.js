window.labyrintSearch.load("t-m",{"mød":"Fpa e"});
