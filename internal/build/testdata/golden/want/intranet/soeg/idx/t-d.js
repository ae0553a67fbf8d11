window.labyrintSearch.load("t-d",{"dag":"Dof"});
