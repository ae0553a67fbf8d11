window.labyrintSearch.load("t-1",{"1":"FsE","1234":"CrCAlL"});
