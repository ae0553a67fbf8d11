window.labyrintSearch.load("t-g",{"går":"DnU","gør":"F7U"});
