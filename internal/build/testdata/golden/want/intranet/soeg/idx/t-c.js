window.labyrintSearch.load("t-c",{"cas":"HtfA0X e en es"});
