window.labyrintSearch.load("t-1",{"1":"FsU","1234":"CqfAlO"});
