window.labyrintSearch.load("t-_e6_",{"ærl":"DtXC1B ige ighed"});
