window.labyrintSearch.load("t-d",{"dag":"DnO"});
