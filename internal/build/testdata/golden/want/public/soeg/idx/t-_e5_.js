window.labyrintSearch.load("t-_e5_",{"åben":"FzaAsJ hed"});
