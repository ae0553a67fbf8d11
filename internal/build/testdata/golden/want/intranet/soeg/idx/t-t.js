window.labyrintSearch.load("t-t",{"tekst":"IuG en","test":"A4Z","tror":"E7C"});
