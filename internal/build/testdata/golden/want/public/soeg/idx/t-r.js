window.labyrintSearch.load("t-r",{"ring":"DnU er"});
