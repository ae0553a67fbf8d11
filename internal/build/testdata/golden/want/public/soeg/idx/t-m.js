window.labyrintSearch.load("t-m",{"mød":"FsU e"});
