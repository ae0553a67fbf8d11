window.labyrintSearch.load("t-r",{"ring":"Dof er"});
