window.labyrintSearch.load("t-r",{"ring":"DnO er"});
