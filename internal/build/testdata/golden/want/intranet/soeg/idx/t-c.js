window.labyrintSearch.load("t-c",{"cas":"HteA0M e en es"});
