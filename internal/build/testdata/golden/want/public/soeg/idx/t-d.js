window.labyrintSearch.load("t-d",{"dag":"Dnc"});
