window.labyrintSearch.load("t-_e5_",{"åben":"FwNApXBrU hed"});
