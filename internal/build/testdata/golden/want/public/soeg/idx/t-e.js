window.labyrintSearch.load("t-e",{"egen":"DsT","enhed":"AmEArAArOAnR er"});
