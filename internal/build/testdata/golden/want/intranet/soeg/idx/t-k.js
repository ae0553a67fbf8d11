window.labyrintSearch.load("t-k",{"kun":"I6A"});
