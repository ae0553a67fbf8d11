window.labyrintSearch.load("t-a",{"alert":"FsV"});
