window.labyrintSearch.load("t-e",{"egen":"DuP","enhed":"AlSApZAqFAmW er"});
