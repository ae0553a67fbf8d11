window.labyrintSearch.load("t-a",{"alert":"FsG"});
