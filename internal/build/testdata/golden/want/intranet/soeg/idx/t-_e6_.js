window.labyrintSearch.load("t-_e6_",{"ærl":"DtXC1D ige ighed"});
