window.labyrintSearch.load("t-d",{"dag":"DpO"});
