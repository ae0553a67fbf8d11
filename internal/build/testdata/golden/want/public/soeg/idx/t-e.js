window.labyrintSearch.load("t-e",{"egen":"DsI","enhed":"AmMArAArOAnR er"});
