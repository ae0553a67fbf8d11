window.labyrintSearch.load("t-_e5_",{"år":"MocBqMCxY","året":"DrZ"});
