window.labyrintSearch.load("t-a",{"alert":"FsK"});
