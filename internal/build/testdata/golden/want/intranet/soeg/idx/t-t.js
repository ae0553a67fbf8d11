window.labyrintSearch.load("t-t",{"tekst":"ItR en","test":"A4f","tror":"E7F"});
