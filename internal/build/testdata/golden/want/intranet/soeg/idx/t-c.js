window.labyrintSearch.load("t-c",{"cas":"HsOA0P e en es"});
