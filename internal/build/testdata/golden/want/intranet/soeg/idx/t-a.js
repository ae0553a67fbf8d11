window.labyrintSearch.load("t-a",{"alert":"FsE"});
