window.labyrintSearch.load("t-1",{"1":"FsG","1234":"CqRAlR"});
