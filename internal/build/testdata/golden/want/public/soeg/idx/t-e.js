window.labyrintSearch.load("t-e",{"egen":"DvS","enhed":"AkZApZAqFAmW er"});
