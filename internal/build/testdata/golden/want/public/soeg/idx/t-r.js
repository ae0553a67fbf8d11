window.labyrintSearch.load("t-r",{"ring":"DpO er"});
