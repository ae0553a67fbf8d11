window.labyrintSearch.load("t-i",{"inspiration":"H8U","intern":"I7T"});
