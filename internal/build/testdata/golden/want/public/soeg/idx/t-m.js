window.labyrintSearch.load("t-m",{"mød":"FsV e"});
