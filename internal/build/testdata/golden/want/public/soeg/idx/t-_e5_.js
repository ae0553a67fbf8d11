window.labyrintSearch.load("t-_e5_",{"åben":"F0MAsN hed"});
