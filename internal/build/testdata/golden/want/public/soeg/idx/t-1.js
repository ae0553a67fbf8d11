window.labyrintSearch.load("t-1",{"1":"FsK","1234":"CqOAmR"});
