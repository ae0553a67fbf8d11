window.labyrintSearch.load("t-o",{"omtank":"O6T e","ophold":"E6W","overblik":"NwL"});
