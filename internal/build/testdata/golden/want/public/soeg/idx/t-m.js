window.labyrintSearch.load("t-m",{"mød":"FsK e"});
