window.labyrintSearch.load("t-g",{"går":"DnH","gør":"F7T"});
