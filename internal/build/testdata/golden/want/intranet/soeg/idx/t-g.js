window.labyrintSearch.load("t-g",{"går":"DnO","gør":"F7P"});
