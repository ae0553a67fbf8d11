window.labyrintSearch.load("t-a",{"alert":"FsU"});
