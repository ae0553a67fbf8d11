window.labyrintSearch.load("t-1",{"1":"FsV","1234":"CqPAlU"});
