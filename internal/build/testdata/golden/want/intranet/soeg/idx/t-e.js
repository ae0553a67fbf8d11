window.labyrintSearch.load("t-e",{"egen":"DrX","enhed":"AnHAsaAtJAoN er"});
