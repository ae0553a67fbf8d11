window.labyrintSearch.load("t-m",{"medarbejd":"HtfA0E ere","mød":"FsG e"});
