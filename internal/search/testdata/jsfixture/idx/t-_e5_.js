window.labyrintSearch.load("t-_e5_",{"år":"MpABqWCxT","året":"DsK"});
