window.labyrintSearch.load("t-d",{"dag":"DnU"});
