window.labyrintSearch.load("t-_e9_",{"én":"SvJ"});
