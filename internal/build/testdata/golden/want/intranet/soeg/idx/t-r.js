window.labyrintSearch.load("t-r",{"ring":"DnH er"});
