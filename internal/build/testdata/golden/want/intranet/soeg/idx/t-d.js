window.labyrintSearch.load("t-d",{"dag":"DnH"});
